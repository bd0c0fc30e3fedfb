import { customType } from "drizzle-orm/pg-core";

/**
 * A jsonb column whose value may be a bare JSON string, such as a text answer. drizzle's own jsonb parses
 * a string it reads once more when it can (both drivers here already hand jsonb over parsed), so a text
 * answer "123" would come back as the number 123 and "true" as true. This one hands the value over as the
 * driver gives it.
 */
export const jsonbValue = customType<{ data: unknown; driverData: unknown }>({
  dataType() {
    return "jsonb";
  },
  toDriver(value) {
    return JSON.stringify(value);
  },
});
