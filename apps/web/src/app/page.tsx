export default function Home() {
  return (
    <main>
      <h1>Platform</h1>
    </main>
  );
}
