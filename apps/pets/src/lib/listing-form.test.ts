import { describe, expect, it } from "vitest";
import { formValues, invalidState } from "./form-state";
import { ListingForm, listingFieldErrors, toMajorUnits, toMinorUnits } from "./listing-form";

const valid = {
  title: "Sunny flat",
  description: "Cats sleep in the sun.",
  city: "Lisbon",
  timeZone: "Europe/Lisbon",
  price: "39.5",
  currency: "eur",
  species: ["CAT", "CAT"],
  maxPets: "2",
  cancellationPolicy: "FLEXIBLE",
  photoUrls: "https://images.burrow.test/a.jpg\r\n\n  https://images.burrow.test/b.jpg  ",
};

describe("prices in major units", () => {
  it("converts to integer minor units per currency, without floating point", () => {
    expect(toMinorUnits("45", 2)).toBe(4500);
    expect(toMinorUnits("45.5", 2)).toBe(4550);
    expect(toMinorUnits("0.07", 2)).toBe(7);
    expect(toMinorUnits("1.005", 3)).toBe(1005);
    expect(toMinorUnits("4500", 0)).toBe(4500);
    for (const bad of ["-5", "4.555", "1e3", "", " 4", "4,50", "abc"]) expect(toMinorUnits(bad, 2)).toBeNull();
    expect(toMinorUnits("45.5", 0)).toBeNull();
    expect(toMajorUnits(4550, "EUR")).toBe("45.50");
    expect(toMajorUnits(4500, "JPY")).toBe("4500");
  });
});

describe("ListingForm", () => {
  it("turns the form into ListingInput values", () => {
    const parsed = ListingForm.parse(valid);
    expect(parsed).toMatchObject({
      nightlyPriceMinor: 3950,
      currency: "EUR",
      species: ["CAT"],
      maxPets: 2,
      photoUrls: ["https://images.burrow.test/a.jpg", "https://images.burrow.test/b.jpg"],
    });
  });

  it("keys every error by the form's field names", () => {
    const negative = ListingForm.safeParse({ ...valid, price: "-10" });
    expect(negative.success).toBe(false);
    if (!negative.success) expect(invalidState(negative.error).fieldErrors).toHaveProperty("price");

    const bad = ListingForm.safeParse({
      ...valid,
      price: "999999999",
      timeZone: "Mars/Olympus",
      species: [],
      photoUrls: "http://insecure.test/a.jpg",
      maxPets: "0",
    });
    expect(bad.success).toBe(false);
    if (!bad.success) {
      const errors = listingFieldErrors(invalidState(bad.error).fieldErrors ?? {});
      expect(Object.keys(errors).sort()).toEqual(["maxPets", "photoUrls", "price", "species", "timeZone"]);
    }
  });
});

describe("formValues", () => {
  it("keeps typed values, repeated fields as arrays, and drops React's action fields", () => {
    const form = new FormData();
    form.append("title", "Flat");
    form.append("species", "DOG");
    form.append("species", "CAT");
    form.append("$ACTION_ID_abc", "");
    expect(formValues(form, ["species", "photo"])).toEqual({ title: "Flat", species: ["DOG", "CAT"], photo: [] });
  });
});
