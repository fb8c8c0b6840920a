// What the docker stand-in refuses, as docker would (its message is printed alone, exit 1),
// as opposed to a bug in the stand-in (printed with its stack).
export class Refusal extends Error {}
