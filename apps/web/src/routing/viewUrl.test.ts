import { describe, expect, it } from "vitest";
import { isNewPlace, routeFromView, validateViewSearch, viewFromHref, viewFromRoute, viewHref, type ViewState } from "./viewUrl";

describe("view ↔ URL", () => {
  const views: [string, ViewState][] = [
    ["/", { filter: {} }],
    ["/sessions/s-1", { session: "s-1", filter: {} }],
    ["/sessions/s-1/frames/42", { session: "s-1", frame: 42, filter: {} }],
    ["/sessions/s-1?tool=echo", { session: "s-1", tool: "echo", filter: {} }],
    ["/sessions/s-1?pane=resources&resource=demo%3A%2F%2Fresource%2Fstatic%2F1", { session: "s-1", pane: "resources", resource: "demo://resource/static/1", filter: {} }],
    ["/sessions/s-1?pane=resources&template=demo%3A%2F%2F%7Bid%7D", { session: "s-1", pane: "resources", template: "demo://{id}", filter: {} }],
    ["/sessions/s-1?pane=prompts&prompt=simple-prompt", { session: "s-1", pane: "prompts", prompt: "simple-prompt", filter: {} }],
    ["/sessions/s-1?pane=tasks&task=t-9", { session: "s-1", pane: "tasks", task: "t-9", filter: {} }],
    ["/sessions/s-1?pane=collections&collection=smoke-tests", { session: "s-1", pane: "collections", collection: "smoke-tests", filter: {} }],
    ["/sessions/s-1?view=summary", { session: "s-1", view: "summary", filter: {} }],
    [
      "/sessions/s-1/frames/7?dir=in&kind=notification%2Cresponse&method=notifications%2Fprogress&id=3&q=hello+world",
      { session: "s-1", frame: 7, filter: { dirs: ["in"], kinds: ["notification", "response"], method: "notifications/progress", id: "3", text: "hello world" } },
    ],
    ["/sessions/s-1?compare=s-2", { session: "s-1", compare: "s-2", filter: {} }],
    ["/?server=everything", { server: "everything", filter: {} }],
    ["/sessions/a%2Fb?max=1", { session: "a/b", maximized: true, filter: {} }],
  ];

  it.each(views)("%s ↔ its view", (href, view) => {
    expect(viewHref(view)).toBe(href);
    expect(viewFromHref(href)).toEqual(view);
  });

  it("leaves defaults out: pane=tools and view=frames give the shortest URL", () => {
    expect(viewHref({ session: "s", pane: "tools", view: "frames", filter: {} })).toBe("/sessions/s");
    expect(viewFromHref("/sessions/s?pane=tools&view=frames")).toEqual({ session: "s", pane: "tools", view: "frames", filter: {} });
    expect(viewHref(viewFromHref("/sessions/s?pane=tools&view=frames"))).toBe("/sessions/s");
  });

  it("drops the token and every parameter it does not know, so they are never written back", () => {
    expect(validateViewSearch({ token: "secret", tool: "echo", evil: "x", method: ["a"], q: "" })).toEqual({ tool: "echo" });
    expect(viewHref(viewFromHref("/sessions/s?token=secret&tool=echo"))).toBe("/sessions/s?tool=echo");
    expect(viewHref(viewFromHref("/?token=secret"))).toBe("/");
  });

  it("drops values that name nothing: an unknown pane, view, kind or direction; a seq that is not a positive integer", () => {
    expect(viewFromHref("/sessions/s?pane=files&view=graph&kind=bogus&dir=up")).toEqual({ session: "s", filter: {} });
    for (const seq of ["0", "-1", "1.5", "x", "99999999999999999999"]) expect(viewFromHref(`/sessions/s/frames/${seq}`).frame).toBeUndefined();
    expect(viewFromHref("/sessions/s/frames/3").frame).toBe(3);
  });

  it("keeps session-bound parts only with a session, and never compares a session with itself", () => {
    expect(viewHref({ tool: "echo", frame: 3, compare: "b", filter: {} })).toBe("/");
    expect(viewFromHref("/sessions/a?compare=a").compare).toBeUndefined();
    expect(viewFromHref("/?tool=echo").tool).toBeUndefined();
  });

  it("reads the router's params and validated search", () => {
    expect(viewFromRoute({ sessionId: "s", seq: "5" }, validateViewSearch({ pane: "prompts", prompt: "p", max: "1" }))).toEqual({
      session: "s",
      frame: 5,
      pane: "prompts",
      prompt: "p",
      maximized: true,
      filter: {},
    });
  });

  it("keeps only one resource selection: a resource wins over a template", () => {
    expect(viewFromHref("/sessions/s?resource=r%3A%2F%2F1&template=t").template).toBeUndefined();
  });

  it("other paths show the workbench at /", () => {
    expect(viewFromHref("/elsewhere/deep?tool=echo")).toEqual({ filter: {} });
    expect(viewFromHref("/sessions/s/frames/4/extra").session).toBeUndefined();
  });

  it("routes a view to the router's `to` and `params`", () => {
    expect(routeFromView({ session: "s", frame: 9, tool: "echo", filter: {} })).toEqual({
      to: "/sessions/$sessionId/frames/$seq",
      params: { sessionId: "s", seq: "9" },
      search: { tool: "echo" },
    });
    expect(routeFromView({ filter: { method: "ping" } })).toEqual({ to: "/", params: {}, search: { method: "ping" } });
  });

  it("typing in a text filter refines the place; selecting anything else is a new place", () => {
    const a = viewFromHref("/sessions/s?method=tools");
    expect(isNewPlace(a, viewFromHref("/sessions/s?method=tools%2Fcall&q=x"))).toBe(false);
    expect(isNewPlace(a, viewFromHref("/sessions/s?method=tools&kind=request"))).toBe(true);
    expect(isNewPlace(a, viewFromHref("/sessions/s/frames/2?method=tools"))).toBe(true);
    expect(isNewPlace(a, viewFromHref("/sessions/t?method=tools"))).toBe(true);
  });
});
