/** A platform-wide account; the mobile number is the account. */
export interface User {
  readonly id: number;
  readonly name: string;
  readonly mobile: string;
  readonly createdAt: Date;
}

/** What a client is shown of a user. */
export interface UserInfo {
  readonly id: number;
  readonly name: string;
  readonly mobile: string;
}

export function userInfoOf(user: User): UserInfo {
  return { id: user.id, name: user.name, mobile: user.mobile };
}
