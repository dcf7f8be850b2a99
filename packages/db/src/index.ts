import "server-only";

export { createPrismaClient, type Db, prisma } from "./client";
export { parseDbEnv } from "./env";
export type { Booking, Listing, User } from "./generated/prisma/client";
export * from "./generated/prisma/enums";
export { type ListingSummary, listingRepository } from "./listings/repository";
