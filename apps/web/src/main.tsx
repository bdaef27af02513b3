import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { ApiRequestError } from "./api/apiRequestError";
import { onUnauthorized } from "./api/unauthorized";
import { App } from "./App";
import { useAuthStore } from "./stores/authStore";
import "./styles.css";

onUnauthorized(() => useAuthStore.getState().markUnauthorized());

const queryClient = new QueryClient({
  queryCache: new QueryCache(),
  mutationCache: new MutationCache(),
  defaultOptions: {
    queries: {
      refetchOnWindowFocus: false,
      retry: (failures, error) => !(error instanceof ApiRequestError && error.statusCode < 500) && failures < 2,
    },
  },
});

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <App />
    </QueryClientProvider>
  </StrictMode>,
);
