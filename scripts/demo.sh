#!/usr/bin/env bash
# The README's first command: Ferry's main job on an embedded default, no server needed.
# Builds Ferry, creates the sample chat-app SQLite database (seed 000's shape: Korean text, emoji,
# drizzle's migrations table), shows what Ferry sees in it, and copies it into a second SQLite
# database with every row checked. As `ferry move` lands, this grows into a real move of the sample.
set -euo pipefail
cd "$(dirname "$0")/.."

demo=.ferry-demo
scale=${FERRY_DEMO_SCALE:-0.01}

echo "==> Building Ferry"
dotnet publish src/Ferry.Cli -c Release -o "$demo/bin" --nologo -v quiet
ferry="$demo/bin/ferry"

# A fresh sample each run: Ferry itself refuses to overwrite a database.
rm -f "$demo/chat.db" "$demo/copy.db"
echo "==> Creating the sample chat database (scale $scale)"
"$ferry" sample "$demo/chat.db" --scale "$scale"

echo "==> ferry ping sqlite:$demo/chat.db"
"$ferry" ping "sqlite:$demo/chat.db"

echo "==> ferry inspect sqlite:$demo/chat.db"
"$ferry" inspect "sqlite:$demo/chat.db"

echo "==> ferry copy sqlite:$demo/chat.db sqlite:$demo/copy.db --dry-run (the plan, nothing written)"
"$ferry" copy "sqlite:$demo/chat.db" "sqlite:$demo/copy.db" --dry-run | head -n 30

echo "==> ferry copy sqlite:$demo/chat.db sqlite:$demo/copy.db"
"$ferry" copy "sqlite:$demo/chat.db" "sqlite:$demo/copy.db"
