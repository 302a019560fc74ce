/** A command line that cannot be run as given; `kubeplan` prints the message and ends with exit status 2. */
export class UsageError extends Error {}
