/** Full-page notice shown when the proxy answers 401. */
export function Unauthorized() {
  return (
    <main className="unauthorized">
      <div className="card">
        <h1>Not authorized</h1>
        <p role="alert">Not authorized. Open the URL that mcpscope printed in its terminal (it carries ?token=…)</p>
        <p className="muted small">
          mcpscope guards its API with a token because it can start processes on this machine. The printed URL sets a
          cookie for this browser and then opens the app.
        </p>
      </div>
    </main>
  );
}
