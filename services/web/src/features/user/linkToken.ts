/**
 * Whether an emailed link's token arrived whole: 32 random bytes in base64url, 43 characters (the gateway's
 * newOneTimeToken). A mail program that breaks a long line cuts it; such a link is said to be incomplete, not
 * expired or used, which would send the person to ask for another link for nothing.
 */
export const isWholeLinkToken = (token: string) => /^[A-Za-z0-9_-]{43}$/.test(token);
