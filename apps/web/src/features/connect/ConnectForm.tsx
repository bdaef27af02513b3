import { useId, useState, type FormEvent } from "react";
import { useMutation } from "@tanstack/react-query";
import type { CreateSessionBody } from "@mcpscope/protocol";
import { describeError } from "../../api/apiRequestError";
import { restClient } from "../../api/restClient";
import { useSessionsStore } from "../../stores/sessionsStore";
import { parseArgumentLines, parseEnvLines } from "./parseTargetFields";

interface Props {
  /** Draw attention to the form (no active session to show). */
  prominent?: boolean;
}

/** Opens a stdio session: command, arguments, environment, working directory. */
export function ConnectForm({ prominent = false }: Props) {
  const id = useId();
  const [command, setCommand] = useState("");
  const [args, setArgs] = useState("");
  const [env, setEnv] = useState("");
  const [cwd, setCwd] = useState("");
  const [inputError, setInputError] = useState<string>();

  const connect = useMutation({
    mutationFn: (body: CreateSessionBody) => restClient.createSession(body),
    onSuccess: (session) => {
      const store = useSessionsStore.getState();
      store.upsert(session);
      store.select(session.id);
    },
  });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setInputError(undefined);
    let envVars: Record<string, string>;
    try {
      envVars = parseEnvLines(env);
    } catch (err) {
      setInputError((err as Error).message);
      return;
    }
    if (command.trim() === "") {
      setInputError("Enter the command that starts the server, e.g. npx or node.");
      return;
    }
    connect.mutate({
      transport: "stdio",
      command: command.trim(),
      args: parseArgumentLines(args),
      env: envVars,
      ...(cwd.trim() ? { cwd: cwd.trim() } : {}),
    });
  };

  const error = inputError ? { message: inputError } : connect.isError ? describeError(connect.error) : undefined;

  return (
    <form aria-label="Connect to a server" className={`connect-form${prominent ? " prominent" : ""}`} onSubmit={onSubmit} noValidate>
      <h2 className="pane-title">{prominent ? "Connect to a server" : "New session"}</h2>
      {prominent && <p className="muted small">No active session. Start a stdio MCP server to inspect it.</p>}
      <div className="field">
        <label htmlFor={`${id}-command`}>Command</label>
        <input
          id={`${id}-command`}
          value={command}
          onChange={(e) => setCommand(e.target.value)}
          placeholder="npx"
          autoComplete="off"
          spellCheck={false}
          required
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-args`}>Arguments</label>
        <textarea
          id={`${id}-args`}
          value={args}
          onChange={(e) => setArgs(e.target.value)}
          rows={2}
          placeholder={"server.js\n--stdio"}
          spellCheck={false}
          aria-describedby={`${id}-args-help`}
        />
        <span id={`${id}-args-help`} className="help">One argument per line.</span>
      </div>
      <div className="field">
        <label htmlFor={`${id}-env`}>Environment</label>
        <textarea
          id={`${id}-env`}
          value={env}
          onChange={(e) => setEnv(e.target.value)}
          rows={2}
          placeholder="API_KEY=…"
          spellCheck={false}
          aria-describedby={`${id}-env-help`}
        />
        <span id={`${id}-env-help`} className="help">KEY=VALUE, one per line.</span>
      </div>
      <div className="field">
        <label htmlFor={`${id}-cwd`}>Working directory</label>
        <input
          id={`${id}-cwd`}
          value={cwd}
          onChange={(e) => setCwd(e.target.value)}
          placeholder="(optional)"
          autoComplete="off"
          spellCheck={false}
        />
      </div>
      {error && (
        <div role="alert" className="alert">
          <strong>{error.message}</strong>
          {error.hint && <p>{error.hint}</p>}
        </div>
      )}
      <div className="form-actions">
        <button type="submit" className="primary" disabled={connect.isPending}>
          {connect.isPending ? "Connecting…" : "Connect"}
        </button>
        {connect.isPending && (
          <span role="status" className="muted small">
            Starting the server and waiting for initialize…
          </span>
        )}
      </div>
    </form>
  );
}
