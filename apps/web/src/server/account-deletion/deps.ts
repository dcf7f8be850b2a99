// The saga's production wiring: pets over HTTP, identity through @burrow/db, avatars in object
// storage, the rest in Mongo.
import { accountDeletionRepository } from "@burrow/db";
import { deleteAvatarObjectsOf } from "../avatar";
import { anonymiseArticlesOf, deleteNotificationsOf, deleteProfileOf } from "../mongo/account-deletion";
import { PetsRefused, petsClient } from "../pets-client";
import { type DeletionDeps, DeletionRefused } from "./saga";

export function deletionDeps(): DeletionDeps {
  return {
    listings: async (userId) => {
      try {
        await petsClient.retireUser(userId);
      } catch (error) {
        if (error instanceof PetsRefused && error.status === 409) throw new DeletionRefused(error.message);
        throw error;
      }
    },
    identity: async (userId) => {
      await accountDeletionRepository().anonymize(userId);
    },
    notifications: deleteNotificationsOf,
    articles: anonymiseArticlesOf,
    avatar: deleteAvatarObjectsOf,
    profile: deleteProfileOf,
  };
}
