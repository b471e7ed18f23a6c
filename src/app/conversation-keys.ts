/** Keys under which conversation references are stored; notifications name one. */
export const conversationKeys = {
  channel: (tenantId: string, channelId: string) => `channel:${tenantId}:${channelId}`,
  user: (tenantId: string, userId: string) => `user:${tenantId}:${userId}`,
};
