// The saga's production wiring: pets over HTTP, identity through @burrow/db.
import { accountDeletionRepository } from "@burrow/db";
import { PetsRefused, petsClient } from "../pets-client";
import { type DeletionDeps, DeletionRefused } from "./saga";

export function deletionDeps(): DeletionDeps {
  return {
    retireListings: async (userId) => {
      try {
        await petsClient.retireUser(userId);
      } catch (error) {
        if (error instanceof PetsRefused && error.status === 409) throw new DeletionRefused(error.message);
        throw error;
      }
    },
    anonymiseIdentity: async (userId) => {
      await accountDeletionRepository().anonymize(userId);
    },
  };
}
