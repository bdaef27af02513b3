import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { QueryClientProvider } from "@tanstack/react-query";
import { queryClient } from "./api/queryClient";
import { onUnauthorized } from "./api/unauthorized";
import { App } from "./App";
import { useAuthStore } from "./stores/authStore";
import "./styles.css";

onUnauthorized(() => useAuthStore.getState().markUnauthorized());

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <App />
    </QueryClientProvider>
  </StrictMode>,
);
