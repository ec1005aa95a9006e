"use client";
import { useEffect, useState } from "react";
import { ZillizCloud, ZillizError } from "zilliz-cloud-wasm";

export default function DropForm() {
  const [result, setResult] = useState("");
  // The button waits for the client code (and so the wasm) to be ready.
  const [ready, setReady] = useState(false);
  useEffect(() => setReady(true), []);
  async function drop(event) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const zc = new ZillizCloud({ apiKey: form.get("apiKey"), baseUrl: form.get("baseUrl") || undefined });
    try {
      const res = await zc.dropCluster(form.get("clusterId"));
      setResult(`dropped ${res.data.clusterId}: ${res.data.prompt}`);
    } catch (err) {
      if (!(err instanceof ZillizError)) throw err;
      setResult(`${err.kind}: ${err.message}`);
    }
  }
  return (
    <form onSubmit={drop}>
      <input name="apiKey" type="password" placeholder="API key" required />
      <input name="baseUrl" placeholder="https://api.cloud.zilliz.com" />
      <input name="clusterId" placeholder="Cluster ID" required />
      <button type="submit" disabled={!ready}>Drop</button>
      <output>{result}</output>
    </form>
  );
}
