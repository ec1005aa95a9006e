import DropForm from "./drop-form";

// A server component page around the client component that drops a cluster in the browser.
export default function Page() {
  return (
    <main>
      <h1>Drop a cluster</h1>
      <DropForm />
    </main>
  );
}
