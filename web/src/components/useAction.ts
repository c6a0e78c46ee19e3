/** A mutation that, once it succeeds, refreshes the queries whose data it changed. */
import { useMutation, useQueryClient } from '@tanstack/react-query';

export function useAction<T, V = void>(action: (variables: V) => Promise<T>, refreshes: readonly (readonly unknown[])[]) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: action,
    onSuccess: async () => {
      for (const queryKey of refreshes) await queryClient.invalidateQueries({ queryKey });
    },
  });
}
