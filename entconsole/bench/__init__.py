"""`entconsole bench`: the console's costs measured side by side with their floors and peers.

- ``stores``: the generated stores the bench runs on (made once, reused);
- ``cold``: the child processes timing a cold start and the load floor;
- ``core``: writes and scans without the UI (block, mass block, write floor,
  plain TinyDB, naive scan);
- ``ui``: the headless pilot timing keystrokes and filter changes in the real
  Utilisateurs screen, and a Textual DataTable reloaded with the same rows;
- ``report``: the measures, their ratios, the table and the JSON.

Not part of the core: it drives Textual.
"""
