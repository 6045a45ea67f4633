#!/usr/bin/env bash
# Write corpus/EVALUATION.md: per-field precision/recall/F1 and per-letter F1 for the project's corpus
# and, where ../shared is present, the shared letters (text and e-mail; then every document, OCR included).
set -euo pipefail
cd "$(dirname "$0")/.."
amtsbrief=.venv/bin/amtsbrief
{
  echo "# Evaluation report"
  echo
  echo "Written by \`scripts/evaluation_report.sh\` on $(date -u +%Y-%m-%d) at commit $(git rev-parse --short HEAD)."
  echo "Scoring as in shared/CONTRACT.md (\`amtsbrief evaluate\`, which agrees with shared/tools/score.py)."
  echo "Rules are developed on corpus/dev; corpus/test is held out."
  echo
  "$amtsbrief" evaluate corpus/test --markdown
  echo
  "$amtsbrief" evaluate corpus/dev --markdown
  if [ -d ../shared/letters ]; then
    echo
    "$amtsbrief" evaluate ../shared/letters --sources .txt,.eml,.msg --markdown | sed "1s|^### ../shared/letters|### ../shared/letters, text, e-mail and .msg|"
    echo
    "$amtsbrief" evaluate ../shared/letters --sources .pdf --markdown | sed '1s|^### ../shared/letters|### ../shared/letters, scanned PDFs (OCR)|'
  fi
} > corpus/EVALUATION.md
echo "wrote corpus/EVALUATION.md"
