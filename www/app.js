// The demo console: wiring only. The package is imported by name (the import map in index.html
// points it at /pkg/browser.js); importing it is enough, there is no init() call.
import { ClusterList } from "./clusters.js";
import { Console } from "./console.js";
import { $ } from "./dom.js";
import { DropDialog } from "./drop-dialog.js";
import { bindFields, servedByMock, servedByProxy, useMockEndpoint, useProxy } from "./fields.js";
import { Progress } from "./progress.js";
import { ResultView } from "./result.js";
import { WaitView } from "./wait.js";

bindFields();
const app = new Console({
  list: new ClusterList(), dialog: new DropDialog(), progress: new Progress(), result: new ResultView(), wait: new WaitView(),
});
const proxy = await servedByProxy();
if (proxy) useProxy(proxy);
else if (await servedByMock()) {
  useMockEndpoint(location.origin);
  const { scenarioPanel } = await import("./scenarios.js");
  app.useScenarios(await scenarioPanel());
}
$("load-state").hidden = true;
document.body.dataset.ready = "true";
