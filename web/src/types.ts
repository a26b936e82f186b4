// Shapes of the API's answers, as the console reads them (see src/http/routes/*/index.ts).

export type Role = 'admin' | 'leader' | 'officer' | 'clerk' | 'viewer';
export const ROLES: Role[] = ['admin', 'leader', 'officer', 'clerk', 'viewer'];
export const LEVELS = ['ministry', 'province', 'district', 'division', 'commune'] as const;

export interface User {
  id: number;
  username: string;
  fullName: string;
  phone: string | null;
  email: string | null;
  unitId: number;
  mustChangePassword: boolean;
  disabled: boolean;
}

export interface Me {
  user: User;
  grants: { role: Role; unitId: number; unitName: string | null }[];
  csrfToken: string;
  can: { manageUnits: boolean; manageUsers: boolean; readUsers: boolean; readAudit: boolean; exportUnits: boolean };
}

export interface UnitNode {
  id: number;
  code: string;
  level: string;
  name: string;
  shortName: string | null;
  place: string | null;
  parentId: number | null;
  validFrom: string;
  validTo: string | null;
  children: UnitNode[];
}

export interface UnitRef {
  id: number;
  code: string;
  name: string;
  level: string;
  validFrom: string;
  validTo: string | null;
}

export interface UnitDetail {
  id: number;
  code: string;
  level: string;
  validFrom: string;
  validTo: string | null;
  existsOnDate: boolean;
  name: string;
  shortName: string | null;
  place: string | null;
  parent: UnitRef | null;
  versions: { name: string; shortName: string | null; place: string | null; validFrom: string; validTo: string | null; parent: UnitRef | null }[];
  history: { eventId: number; kind: string; date: string; from: UnitRef | null; to: UnitRef | null }[];
  successors: UnitRef[];
  predecessors: UnitRef[];
  allowed: string[];
}

export interface UserGrant {
  id: number;
  role: Role;
  unitId: number;
  unitName: string | null;
  canRevoke: boolean;
}

export interface UserRow extends User {
  unitName: string | null;
  grants: UserGrant[];
  allowed: string[];
}

export interface AuditEvent {
  id: number;
  at: string;
  actor: string | null;
  unitId: number | null;
  unitName: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
  ip: string | null;
  userAgent: string | null;
  hash: string;
}
