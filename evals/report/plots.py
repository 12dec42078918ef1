"""The eval report's plots as PNG bytes: recall@k, hit@5 per question type, latency per system."""

from __future__ import annotations

import io
from typing import Any

from evals.metrics import KS


def plots(results: dict[str, Any]) -> dict[str, bytes]:
    """PNG bytes by file name: recall@k per system and set, hit@5 per item type for each set, latency per
    system."""
    import matplotlib

    matplotlib.use("Agg")
    sets = results["sets"]
    figures = {"recall_at_k.png": _recall_plot(sets)}
    for set_name, figures_of_set in sets.items():
        figures[f"per_type_{set_name}.png"] = _type_plot(figures_of_set["by_type"], set_name)
    items = [record for figures_of_set in sets.values() for record in figures_of_set["items"]]
    figures["latency.png"] = _latency_plot(items)
    return figures


def _png(fig: Any) -> bytes:
    import matplotlib.pyplot as plt

    buffer = io.BytesIO()
    fig.tight_layout()
    fig.savefig(buffer, format="png", dpi=100)
    plt.close(fig)
    return buffer.getvalue()


def _recall_plot(sets: dict[str, dict[str, Any]]) -> bytes:
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(6, 4))
    for style, (set_name, figures) in zip(("-", "--", ":"), sets.items(), strict=False):
        for color, (name, numbers) in enumerate(figures["summary"].items()):
            values = [float(numbers[f"recall@{k}"]) for k in KS if numbers.get(f"recall@{k}") is not None]
            if len(values) == len(KS):
                ax.plot(KS, values, style, color=f"C{color}", marker="o", label=f"{name} ({set_name})")
    ax.set_xticks(KS)
    ax.set_ylim(0, 1)
    ax.set_xlabel("k")
    ax.set_ylabel("recall@k (gouden citaten)")
    ax.set_title("Recall@k per systeem")
    ax.grid(alpha=0.3)
    ax.legend()
    return _png(fig)


def _type_plot(by_type: dict[str, dict[str, dict[str, Any]]], set_name: str) -> bytes:
    import matplotlib.pyplot as plt

    systems = list(by_type)
    types = sorted({t for per in by_type.values() for t in per})
    fig, ax = plt.subplots(figsize=(max(6, 1.3 * len(types)), 4))
    width = 0.8 / max(1, len(systems))
    for i, system in enumerate(systems):
        values = []
        for item_type in types:
            numbers = by_type[system].get(item_type, {})
            value = (
                numbers.get("hit@5")
                if numbers.get("n_answerable")
                else numbers.get("refusal_acc_unanswerable")
            )
            values.append(value or 0.0)
        ax.bar([x + i * width for x in range(len(types))], values, width, label=system)
    ax.set_xticks([x + width * (len(systems) - 1) / 2 for x in range(len(types))])
    ax.set_xticklabels([t if t != "unanswerable" else "unanswerable\n(weigering ok)" for t in types])
    ax.set_ylim(0, 1)
    ax.set_ylabel("hit@5")
    ax.set_title(f"Hit@5 per vraagtype ({set_name})")
    ax.legend(fontsize="small")
    return _png(fig)


def _latency_plot(items: list[dict[str, Any]]) -> bytes:
    import matplotlib.pyplot as plt

    systems = list(dict.fromkeys(record["system"] for record in items))
    data = [[max(r["latency_ms"], 0.01) for r in items if r["system"] == s] for s in systems]
    fig, ax = plt.subplots(figsize=(6, 4))
    if data and all(data):
        ax.boxplot(data, tick_labels=systems, showfliers=True)
        ax.set_yscale("log")
    ax.set_ylabel("latentie per vraag (ms, log)")
    ax.set_title("Latentie per systeem")
    ax.grid(alpha=0.3, axis="y")
    return _png(fig)
