import type { User } from '../../core/api';

/** One `<option>` per account, "Display Name (username)", valued by user id. */
export function UserOptions({ users }: { readonly users: readonly User[] }) {
  return (
    <>
      {users.map((user) => (
        <option key={user.id} value={user.id}>
          {user.displayName} ({user.username})
        </option>
      ))}
    </>
  );
}
