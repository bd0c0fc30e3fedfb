// One GET per view: its data, its error, whether it is loading, and a way to load it again after a change.
import { useCallback, useEffect, useState } from "preact/hooks";
import { ApiError, get } from "./api.ts";

export interface Loaded<T> {
  data: T | undefined;
  error: ApiError | Error | undefined;
  loading: boolean;
  reload: () => void;
}

export function useGet<T>(path: string | undefined): Loaded<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<Error | undefined>(undefined);
  const [loading, setLoading] = useState(false);
  const [round, setRound] = useState(0);
  useEffect(() => {
    if (!path) return;
    let current = true;
    setLoading(true);
    setError(undefined);
    get<T>(path).then(
      (d) => {
        if (!current) return;
        setData(d);
        setLoading(false);
      },
      (e: Error) => {
        if (!current) return;
        setError(e);
        setLoading(false);
      },
    );
    return () => {
      current = false;
    };
  }, [path, round]);
  const reload = useCallback(() => setRound((r) => r + 1), []);
  return { data, error, loading, reload };
}
