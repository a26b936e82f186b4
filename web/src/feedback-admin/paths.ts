// Where the feedback configuration screens live in the console.
export const FEEDBACK_ADMIN = '/feedback-admin';
