import "server-only";

export { createPrismaClient, type Db, prisma } from "./client";
export { parseDbEnv } from "./env";
export * from "./generated/prisma/enums";
export type { Booking, Listing, User } from "./generated/prisma/client";
export { type ListingSummary, listingRepository } from "./listings/repository";
