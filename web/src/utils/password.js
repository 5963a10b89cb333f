// The server's password policy (docs/api-foundation.md): ≥ 10 characters and at least 3
// of the classes lower case, upper case, digit, symbol. The server decides; this only
// saves a round trip.
export function passwordClasses(pw) {
  let n = 0;
  if (/[a-z]/.test(pw)) n++;
  if (/[A-Z]/.test(pw)) n++;
  if (/[0-9]/.test(pw)) n++;
  if (/[^A-Za-z0-9]/.test(pw)) n++;
  return n;
}

export function isStrongPassword(pw) {
  return typeof pw === 'string' && [...pw].length >= 10 && passwordClasses(pw) >= 3;
}
