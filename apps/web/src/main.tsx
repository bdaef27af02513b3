import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { QueryClientProvider } from "@tanstack/react-query";
import { queryClient } from "./api/queryClient";
import { onUnauthorized } from "./api/unauthorized";
import { RouterProvider } from "@tanstack/react-router";
import { loadSchemaForm } from "./features/schemaForm/LazySchemaForm";
import { initTheme } from "./features/theme/themeStore";
import { createAppRouter } from "./routing/router";
import { applyView } from "./routing/viewStores";
import { viewFromHref } from "./routing/viewUrl";
import { useAuthStore } from "./stores/authStore";
import "./styles.css";

onUnauthorized(() => useAuthStore.getState().markUnauthorized());

initTheme();
// The first paint already shows the linked view (the router then keeps URL and stores in step).
applyView(viewFromHref(window.location.pathname + window.location.search));
const router = createAppRouter();

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>
  </StrictMode>,
);

// The schema form's code comes right after the first paint, before anyone picks a tool.
setTimeout(() => void loadSchemaForm(), 0);
