import { describe, expect, it } from "vitest";
import { hasRole, toSessionUser } from "./session";

const user = (role: "TENANT" | "SITTER" | "ADMIN", email = "u@burrow.test") =>
  toSessionUser({ id: "u", email, role }, ["ops@burrow.test"]);

describe("hasRole", () => {
  it("requires one of the roles", () => {
    expect(hasRole(user("SITTER"), ["SITTER"])).toBe(true);
    expect(hasRole(user("TENANT"), ["SITTER"])).toBe(false);
    expect(hasRole(user("TENANT"), ["SITTER", "TENANT"])).toBe(true);
  });

  it("lets admins through, by role or by ADMIN_EMAILS", () => {
    expect(hasRole(user("ADMIN"), ["SITTER"])).toBe(true);
    expect(hasRole(user("TENANT", "Ops@Burrow.test"), ["SITTER"])).toBe(true);
  });

  it("treats a user row without a role as a tenant", () => {
    expect(toSessionUser({ id: "u", email: "x@y.test" }, [])).toMatchObject({ role: "TENANT", isAdmin: false });
  });
});
