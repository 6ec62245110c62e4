// Which pages and buttons a user's roles open. Only a convenience: the API checks every call on its own, so a
// button shown by mistake would get a 403, never another department's data.
export const DepartmentRoles = ['dept-admin', 'dept-member', 'dept-reader'];
export const DepartmentWriters = ['dept-admin', 'dept-member'];
export const Operators = ['platform-admin', 'platform-operator'];
export const PlatformReaders = [...Operators, 'auditor'];
export const AuditReaders = ['platform-admin', 'auditor'];

export function hasAny(me, roles) {
  return me.roles.some((role) => roles.includes(role));
}
