import { invalidInput } from "@burrow/http/result";
import { describe, expect, it } from "vitest";
import { formFieldErrors, ProfileUpdate, profileFormToInput } from "./profile-input";

const form = (entries: [string, string][]) => {
  const data = new FormData();
  for (const [name, value] of entries) data.append(name, value);
  return data;
};

describe("profileFormToInput", () => {
  it("turns indexed rows into lists, drops blank rows and converts ages", () => {
    const { input, rows } = profileFormToInput(
      form([
        ["bio", "Hi"],
        ["avatarUrl", ""],
        ["categories", "walking"],
        ["categories", "sitting"],
        ["pets.0.name", "Rex"],
        ["pets.0.species", "DOG"],
        ["pets.0.age", "4"],
        ["pets.0.notes", ""],
        ["pets.2.name", " "],
        ["pets.2.species", ""],
        ["pets.2.age", ""],
        ["pets.2.notes", ""],
        ["pets.1.name", "Tom"],
        ["pets.1.species", "CAT"],
        ["pets.1.age", ""],
        ["pets.1.notes", "Shy"],
        ["socialLinks.0.label", "Blog"],
        ["socialLinks.0.url", "https://a.example.com"],
      ]),
    );
    expect(input).toEqual({
      bio: "Hi",
      avatarUrl: "",
      categories: ["walking", "sitting"],
      socialLinks: [{ label: "Blog", url: "https://a.example.com" }],
      pets: [
        { name: "Rex", species: "DOG", age: 4 },
        { name: "Tom", species: "CAT", notes: "Shy" },
      ],
    });
    expect(rows).toEqual({ socialLinks: [0], pets: [0, 1] });
    expect(ProfileUpdate.safeParse(input)).toMatchObject({ success: true, data: { avatarUrl: null } });
  });

  it("keeps a non-numeric age for the schema to refuse", () => {
    const { input } = profileFormToInput(
      form([
        ["pets.0.name", "Rex"],
        ["pets.0.species", "DOG"],
        ["pets.0.age", "four"],
      ]),
    );
    const parsed = ProfileUpdate.safeParse(input);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]).toMatchObject({
      path: ["pets", 0, "age"],
      message: "Age is a whole number of years",
    });
  });
});

describe("formFieldErrors", () => {
  it("puts each row's errors on that row's inputs in the form, past blank rows the input left out", () => {
    const { input, rows } = profileFormToInput(
      form([
        ["pets.0.name", ""],
        ["pets.0.species", ""],
        ["pets.3.name", "Rex"],
        ["pets.3.species", "DOG"],
        ["pets.7.name", ""],
        ["pets.7.species", "CAT"],
        ["socialLinks.2.label", "Blog"],
        ["socialLinks.2.url", "http://blog.example.com"],
        ["categories", "hacking"],
      ]),
    );
    const { error } = ProfileUpdate.safeParse(input);
    if (!error) throw new Error("the input should be invalid");
    const failure = invalidInput(error, { byPath: true });

    expect(failure.fieldErrors).toEqual({
      "pets.1.name": ["Name your pet"],
      "socialLinks.0.url": ["Use an https:// address"],
      "categories.0": ["Unknown category"],
    });
    expect(formFieldErrors(failure.fieldErrors ?? {}, rows)).toEqual({
      "pets.7.name": ["Name your pet"],
      "socialLinks.2.url": ["Use an https:// address"],
      "categories.0": ["Unknown category"],
    });
  });

  it("leaves errors about a whole list where they are", () => {
    expect(formFieldErrors({ pets: ["At most 10 pets"], bio: ["Too long"] }, { pets: [4], socialLinks: [] })).toEqual({
      pets: ["At most 10 pets"],
      bio: ["Too long"],
    });
  });
});

describe("ProfileUpdate", () => {
  it("accepts a partial update and deduplicates categories", () => {
    expect(ProfileUpdate.parse({ categories: ["walking", "walking"] })).toEqual({ categories: ["walking"] });
    expect(ProfileUpdate.parse({})).toEqual({});
  });

  it.each([
    { avatarUrl: "https://localhost/a.png" },
    { avatarUrl: "https:/broken" },
    { socialLinks: [{ label: "x", url: "https://a.example.com", extra: 1 }] },
    { pets: [{ name: "Rex", species: "dog" }] },
    { unknown: true },
  ])("refuses %j", (input) => {
    expect(ProfileUpdate.safeParse(input).success).toBe(false);
  });
});
