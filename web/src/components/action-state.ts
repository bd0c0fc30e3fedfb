// A change sent to the server: busy while in flight, the error in words, and an announcement when done.
import { useState } from "preact/hooks";
import { ApiError } from "../api.ts";
import { announce } from "./announce.ts";
import { errorText } from "./status.ts";

export function useAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState("");
  const [notFound, setNotFound] = useState(false);
  const run = async <T>(work: () => Promise<T>, done?: string): Promise<T | undefined> => {
    setBusy(true);
    setError("");
    setNotFound(false);
    try {
      const result = await work();
      if (done) announce(done);
      return result;
    } catch (err) {
      setError(errorText(err as Error));
      setNotFound(err instanceof ApiError && err.status === 404);
      return undefined;
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, notFound, run };
}
