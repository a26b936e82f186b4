// The shape of a user in responses and audit events: never the password hash.
import type { UsersTable } from '../../db/schema.ts';

type UserRow = Omit<UsersTable, 'id' | 'password_hash' | 'sort_key'> & { id: number };

export function publicUser(u: UserRow) {
  return {
    id: u.id, username: u.username, fullName: u.full_name, phone: u.phone, email: u.email, unitId: u.unit_id,
    mustChangePassword: !!u.must_change_password, disabled: !!u.disabled, createdAt: u.created_at, updatedAt: u.updated_at,
  };
}
