import type { z } from "zod";

const formats: Record<string, string> = {
  email: "Enter an email address, e.g. name@example.com.",
  url: "Enter a full URL, e.g. https://example.com.",
  uuid: "Enter an id like 3f2c1a9e-….",
  datetime: "Enter a date and time.",
};

/**
 * Messages for the issues that the API's schemas leave to zod's defaults ("Too small: expected string
 * to have >=1 characters"), worded for a person at a form. A message a schema gives itself
 * ("choose at least one scope") outranks this map, so the form says what the API would say.
 */
export const formErrorMap: z.core.$ZodErrorMap = (issue) => {
  const blank = issue.input === "" || issue.input === undefined || issue.input === null;
  switch (issue.code) {
    case "invalid_type":
      if (blank) return "Required.";
      if (issue.expected === "int") return "Enter a whole number.";
      if (issue.expected === "number") return "Enter a number.";
      return undefined;
    case "too_small": {
      const min = Number(issue.minimum);
      if (issue.origin === "string") {
        if (min <= 1 || blank) return "Required.";
        return issue.exact ? `Use exactly ${min} characters.` : `Use at least ${min} characters.`;
      }
      if (issue.origin === "array" || issue.origin === "set") return min <= 1 ? "Choose at least one." : `Choose at least ${min}.`;
      return `Use ${min} or more.`;
    }
    case "too_big": {
      const max = Number(issue.maximum);
      if (issue.origin === "string") return issue.exact ? `Use exactly ${max} characters.` : `Use at most ${max} characters.`;
      if (issue.origin === "array" || issue.origin === "set") return `Choose at most ${max}.`;
      return `Use ${max} or less.`;
    }
    case "invalid_format":
      if (blank) return "Required.";
      return formats[issue.format];
    case "invalid_value":
      return blank ? "Required." : "Choose one of the options.";
    default:
      return undefined;
  }
};

/** Server messages are fragments ("must be an absolute URL"); under a field they read as a sentence. */
export function asSentence(message: string): string {
  const m = message.trim();
  if (!m) return m;
  const first = /^[a-z]/.test(m) ? m[0].toUpperCase() + m.slice(1) : m;
  return /[.!?…]$/.test(first) ? first : `${first}.`;
}
