/** A command that could not do what it was asked: its message is printed, the exit code is 1. */
export class CommandFailed extends Error {
  override readonly name = 'CommandFailed';
}
