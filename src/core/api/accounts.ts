/** Every role, in the order they are listed and shown (see README, "Roles"). */
export const ROLES = ['annotator', 'reviewer', 'wgLead', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export interface ApiError {
  /** Stable machine code (`invalid_input`, `item_locked`…): what a client translates for its user. */
  readonly error: string;
  /** For developers and logs, in English; never shown to a user as is. */
  readonly message: string;
  /** The refused field, as `body/labelSetVersion` or `params/id`, when one is to blame. */
  readonly field?: string;
}

export interface User {
  readonly id: string;
  readonly username: string;
  readonly displayName: string;
  readonly roles: readonly Role[];
  /** Set for a one-time password (first admin, accounts made by an admin) until the user picks one. */
  readonly mustChangePassword: boolean;
  /** An admin disabled the account: it cannot sign in and its sessions are refused. */
  readonly disabled: boolean;
}

/** GET /api/readers (admin, WG lead) → Reader[]: enabled accounts holding the annotator role, by username. */
export interface Reader {
  readonly id: string;
  readonly username: string;
  readonly displayName: string;
}

/** Password lengths the server's policy accepts (server/auth/passwordPolicy.ts); the client words its refusals with them. */
export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 256;

/** POST /api/auth/password → 204 | 400 too weak | 401 wrong current password */
export interface ChangePasswordRequest {
  readonly currentPassword: string;
  readonly newPassword: string;
}

/**
 * POST /api/auth/login → 200 LoginResponse | 401 wrong username or password | 403 `account_disabled`
 * | 429 `login_locked` with `Retry-After` (seconds) after too many failed sign-ins.
 */
export interface LoginRequest {
  readonly username: string;
  readonly password: string;
}
export interface LoginResponse {
  readonly token: string;
  /** ISO-8601 UTC. */
  readonly expiresAt: string;
  readonly user: User;
}

/**
 * POST /api/users (admin) → 201 CreatedUser | 400 `password_*` (policy) | 409 `username_taken`
 * (usernames are unique regardless of case). Without a password the server makes a one-time one.
 */
export interface CreateUserRequest {
  readonly username: string;
  readonly displayName: string;
  readonly password?: string;
  readonly roles: readonly Role[];
}

/** A new or reset account and, when the server made it, its one-time password (shown once). */
export interface CreatedUser extends User {
  readonly oneTimePassword?: string;
}

/**
 * PATCH /api/users/:id (admin) → 200 User | 409 `cannot_disable_self` | 409 `last_admin`.
 * POST /api/users/:id/password-reset (admin) → 200 CreatedUser with a one-time password; every
 * session of the account ends and it must choose a new password at its next sign-in.
 */
export interface UpdateUserRequest {
  readonly disabled: boolean;
}

/**
 * GET /api/users/:id/sessions (admin) → 200 SessionInfo[] (live ones, newest first);
 * DELETE /api/users/:id/sessions/:sessionId → 204 | 404; DELETE /api/users/:id/sessions → 204 (all).
 */
export interface SessionInfo {
  readonly id: string;
  /** ISO-8601 UTC. */
  readonly createdAt: string;
  /** Last request made with it, to within a minute. */
  readonly lastSeenAt: string;
  readonly expiresAt: string;
  readonly clientAddress: string | null;
  readonly userAgent: string | null;
}
