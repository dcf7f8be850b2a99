export { publicBaseUrl, type StorageEnv } from "./env";
export {
  imageBaseKey,
  isOwnersImage,
  type Owner,
  OwnerId,
  ownerPrefix,
  PHOTO_KINDS,
  type PhotoKind,
  UploadId,
  uploadKey,
  VARIANT_WIDTHS,
  variantKey,
} from "./keys";
export * from "./limits";
export { type ProcessedImage, processImage, type Variant } from "./process";
export { ACCEPTED_TYPES, type AcceptedType, sniffImage } from "./sniff";
export { type PhotoStorage, type PresignedUpload, photoStorage, type StoredImage, s3Client } from "./store";
