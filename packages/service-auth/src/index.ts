import "server-only";

export { parseServiceAuthEnv } from "./env";
export { SERVICE_TOKEN_HEADER, withServiceToken } from "./route";
export {
  MAX_TTL_SECONDS,
  type Service,
  type ServiceTokenClaims,
  type ServiceTokenFailure,
  type SignServiceTokenInput,
  signServiceToken,
  type VerifyResult,
  verifyServiceToken,
} from "./tokens";
