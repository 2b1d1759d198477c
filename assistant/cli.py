"""Command line: `python -m assistant ask|chat|batch|stats|eval|objections|seance|critique|ingest|admin-hash|serve`.

Every command prints French messages; errors a user can meet exit with status 2
and a one-line explanation, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any

from assistant.errors import AictError
from assistant.settings import PROJECT_ROOT, Settings


def _print_json(data: Any) -> None:
    print(json.dumps(data, ensure_ascii=False))


def _assistant(settings: Settings):  # type: ignore[no-untyped-def]
    from assistant.pipeline import Assistant

    return Assistant(settings)


def _history_file(path: str | None) -> list[dict[str, Any]]:
    """`--history FILE.json`: an OpenAI-style message list, oldest first."""
    if not path:
        return []
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise AictError(f"Historique illisible ({path}) : une liste JSON de messages {{role, content}} est attendue.") from exc
    if not isinstance(data, list):
        raise AictError(f"Historique illisible ({path}) : une liste JSON de messages {{role, content}} est attendue.")
    return data


def cmd_ask(args: argparse.Namespace, settings: Settings) -> int:
    answer = _assistant(settings).answer(args.question, mode=args.mode, audience=args.audience,
                                         history=_history_file(args.history))
    if args.json:
        _print_json(answer.to_json())
    else:
        if answer.notice:
            print(f"ℹ️  {answer.notice}\n")
        print(answer.answer)
    return 0


def cmd_batch(args: argparse.Namespace, settings: Settings) -> int:
    assistant = _assistant(settings)
    source = sys.stdin if args.file == "-" else open(args.file, encoding="utf-8")
    status = 0
    with source:
        for number, line in enumerate(source, start=1):
            if not line.strip():
                continue
            try:
                item = json.loads(line)
                if not isinstance(item, dict) or not isinstance(item.get("question"), str):
                    raise ValueError
            except ValueError:
                _print_json({"id": None, "line": number, "error": f"Ligne {number} : objet JSON invalide (champ « question » attendu)."})
                status = 1
                continue
            try:
                history = item.get("history") if isinstance(item.get("history"), list) else None
                answer = assistant.answer(item["question"], mode=item.get("mode") or "question", id=str(item.get("id", "")),
                                          history=history)
                _print_json(answer.to_json())
            except AictError as exc:
                _print_json({"id": item.get("id"), "question": item["question"], "error": str(exc)})
                status = 1
            sys.stdout.flush()
    return status


def cmd_chat(args: argparse.Namespace, settings: Settings) -> int:
    """A terminal conversation: the history is kept, /mode changes the mode, /nouveau starts over, /quitter ends."""
    from assistant.pipeline import MODES, normalize_mode

    try:
        import readline  # noqa: F401 - line editing and history for input()
    except ImportError:
        pass
    assistant = _assistant(settings)
    mode, history = normalize_mode(args.mode), []
    print("Assistant AICT — conversation. Commandes : /mode question|contre-argument|article|fiche, /nouveau, /quitter.")
    while True:
        try:
            message = input(f"[{MODES[mode]}] > ").strip()
        except EOFError:
            print()
            return 0
        if not message:
            continue
        if message in ("/quitter", "/q", "/exit"):
            return 0
        if message == "/nouveau":
            history = []
            print("Nouvelle conversation.")
            continue
        if message.startswith("/mode"):
            try:
                mode = normalize_mode(message.split(maxsplit=1)[1] if " " in message else "")
                print(f"Mode : {MODES[mode]}")
            except AictError as exc:
                print(str(exc))
            continue
        answer = assistant.answer(message, mode=mode, audience=args.audience, history=history)
        if answer.resolved_question:
            print(f"(Question comprise : {answer.resolved_question})")
        if answer.notice:
            print(f"ℹ️  {answer.notice}")
        print(answer.answer + "\n")
        history += [{"role": "user", "content": message, "mode": mode}, {"role": "assistant", "content": answer.answer}]
        mode = answer.mode


def cmd_stats(args: argparse.Namespace, settings: Settings) -> int:
    from assistant.index import Index

    stats = Index(settings).stats()
    if args.json:
        _print_json(stats)
    else:
        print(f"{stats['documents']} document(s), {stats['chunks']} extrait(s) indexé(s) dans {stats['data_dir']}")
        for f in stats["files"]:
            print(f"- {f['source']} : {f['chunks']} extrait(s), {f['pages']} page(s), indexé le {f['indexed_at']}")
    return 0


def _print_report(name: str, report: Any) -> None:
    r, f, a = report.retrieval, report.facts, report.abstention
    print(f"== {name} ==")
    print(f"Recherche ({r['n']} questions) : recall@1 {r['r1']:.3f} · recall@5 {r['r5']:.3f} · MRR {r['mrr']:.3f}")
    print(f"Faits retrouvés dans les réponses : {f['coverage']:.3f} ({f['n']} questions)")
    print(
        f"Abstention hors sujet : {a['out_of_scope_accuracy']:.3f} ({a['out_of_scope_n']} questions) ; "
        f"abstentions sur des questions du corpus : {a['in_scope_abstained']} sur {a['in_scope_n']} "
        f"({a['false_abstention_rate']:.1%})"
    )
    for mode, stats in report.modes.items():
        extra = f" · passage de référence cité {stats['gold_cited']:.3f}" if "gold_cited" in stats else ""
        print(
            f"Mode {mode} ({stats['n']}) : citations valides {stats['citation_validity']:.3f} · "
            f"chiffres fidèles {stats['figure_faithfulness']:.3f} · passages distincts min. {stats['min_distinct_passages']}{extra}"
        )


def _threshold_failures(report: Any, args: argparse.Namespace) -> list[str]:
    failures = []
    if report.retrieval["r5"] < args.min_recall5:
        failures.append(f"recall@5 {report.retrieval['r5']:.3f} < {args.min_recall5}")
    if report.retrieval["mrr"] < args.min_mrr:
        failures.append(f"MRR {report.retrieval['mrr']:.3f} < {args.min_mrr}")
    if report.facts["coverage"] < args.min_facts:
        failures.append(f"faits {report.facts['coverage']:.3f} < {args.min_facts}")
    if report.abstention["out_of_scope_accuracy"] < args.min_abstention:
        failures.append(f"abstention {report.abstention['out_of_scope_accuracy']:.3f} < {args.min_abstention}")
    if report.abstention["in_scope_abstained"] > args.max_in_scope_abstentions:
        failures.append(f"{report.abstention['in_scope_abstained']} abstentions sur des questions du corpus")
    if report.abstention["false_abstention_rate"] > args.max_false_abstention:
        failures.append(f"fausses abstentions {report.abstention['false_abstention_rate']:.3f} > {args.max_false_abstention}")
    counter = report.modes.get("contre-argument", {})
    if "gold_cited" in counter and counter["gold_cited"] < args.min_gold_cited:
        failures.append(f"passage de référence cité {counter['gold_cited']:.3f} < {args.min_gold_cited}")
    return failures


def cmd_eval(args: argparse.Namespace, settings: Settings) -> int:
    from assistant.evaluation import evaluate, load_items, select_split

    items = load_items(Path(args.file))
    assistant = _assistant(settings)
    if items and "turns" in items[0]:
        from assistant.dialogue_eval import evaluate_dialogues, print_dialogue_report

        dialogue_report = evaluate_dialogues(assistant, select_split(items, args.split))
        if args.json:
            _print_json(dialogue_report)
        else:
            print_dialogue_report(dialogue_report)
        passed = dialogue_report["pass_rate"] >= args.min_dialogues and not dialogue_report["contaminated"]
        return 0 if passed else 1
    if items and "request" in items[0]:
        from assistant.request_eval import evaluate_request_halves, print_requests_report

        request_reports = evaluate_request_halves(assistant, items)
        if args.json:
            _print_json(request_reports)
        else:
            print_requests_report(request_reports)
        return 0
    if items and "text" in items[0] and "kind" in items[0]:
        from assistant.evaluation import evaluate_kinds

        kinds = {name: evaluate_kinds(assistant, select_split(items, name)) for name in ("tune", "test")}
        if args.json:
            _print_json(kinds)
        else:
            for name, report in kinds.items():
                print(f"Types d'objection, moitié « {name} » ({report['n']}) : exactitude {report['accuracy']:.3f}")
                for c in report["confusions"][:8]:
                    print(f"  {c['gold']} → {c['found']} : {c['n']}")
        return 0
    # Large sets are reported per half: "tune" guides changes, "test" only measures them.
    names = [args.split] if args.split != "all" or len(items) < 40 else ["all", "tune", "test"]
    reports = {name: evaluate(assistant, select_split(items, name), mode=args.mode) for name in names}
    if args.json:
        _print_json({name: r.to_json() for name, r in reports.items()} if len(reports) > 1 else reports[names[0]].to_json())
    else:
        labels = {"all": "Ensemble", "tune": "Moitié « réglage »", "test": "Moitié « test »"}
        for name, report in reports.items():
            _print_report(labels[name], report)
    failures = _threshold_failures(reports[args.split], args)
    if failures:
        print("Seuils non atteints : " + " ; ".join(failures), file=sys.stderr)
        return 1
    return 0


def cmd_objections(args: argparse.Namespace, settings: Settings) -> int:
    from assistant.argumentaire import prepared_replies

    replies = prepared_replies(_assistant(settings))
    if args.json:
        _print_json([r for r in replies])
    else:
        for r in replies:
            print(f"## {r['objection']}  ({r['kind_label']})\n")
            print(r["answer"])
            print()
    return 0


def _optional_number(text: str | None, what: str) -> float | None:
    from assistant.cost import parse_french_number

    if text is None or not str(text).strip():
        return None
    try:
        return parse_french_number(str(text))
    except ValueError as exc:
        raise AictError(f"{what} : {exc}") from exc


def cmd_seance(args: argparse.Namespace, settings: Settings) -> int:
    """The note de séance: Markdown on screen, JSON with --json, files with --docx / --md."""
    from assistant.seance import Subject, prepare_note
    from assistant.seance.render import to_docx, to_markdown

    population = _optional_number(args.habitants, "--habitants")
    subject = Subject(args.sujet.strip(), amount=_optional_number(args.montant, "--montant"),
                      population=int(population) if population else None,
                      budget=_optional_number(args.budget, "--budget"), partner=(args.partenaire or "").strip())
    if not subject.text:
        raise AictError("Indiquez le sujet de la délibération, par exemple « subvention au comité de jumelage ».")
    try:
        subject.cost()
    except ValueError as exc:
        raise AictError(str(exc)) from exc
    note = prepare_note(_assistant(settings), subject,
                        progress=lambda message, fraction: print(f"[{fraction:4.0%}] {message}", file=sys.stderr))
    if args.docx:
        Path(args.docx).write_bytes(to_docx(note))
        print(f"Note enregistrée : {args.docx}", file=sys.stderr)
    if args.md:
        Path(args.md).write_text(to_markdown(note), encoding="utf-8")
        print(f"Note enregistrée : {args.md}", file=sys.stderr)
    if args.json:
        _print_json(note.to_json())
    elif not (args.docx or args.md):
        print(to_markdown(note))
    return 0


def cmd_critique(args: argparse.Namespace, settings: Settings) -> int:
    """The sparring partner: a reply to an objection, scored, with what it misses and a cited suggestion."""
    from assistant.seance.sparring import critique

    if not args.objection.strip() or not args.reponse.strip():
        raise AictError("Indiquez l'objection (--objection) et votre réponse (--reponse).")
    result = critique(_assistant(settings), args.objection.strip(), args.reponse.strip())
    if args.json:
        _print_json(result.to_json())
        return 0
    from assistant.seance.render import critique_markdown

    print(critique_markdown(result))
    return 0


def cmd_ingest(args: argparse.Namespace, settings: Settings) -> int:
    """Index, then write the audit lines (actor « cli ») from the manifest before and after the run."""
    from assistant.audit import AuditLog, changes_between, manifest_files, rebuild_change
    from assistant.index import Index
    from assistant.ingestion import run_cli_ingest

    def snapshot() -> dict[str, dict[str, Any]]:
        try:
            return manifest_files(Index(settings).manifest)
        except AictError:  # an unreadable index is what --rebuild repairs: report it there, not here
            return {}

    before = snapshot()
    status = run_cli_ingest(args.paths, settings, rebuild_store=args.rebuild, as_json=args.json)
    changes = changes_between(before, snapshot())
    AuditLog(settings.data_dir).record(([rebuild_change()] if args.rebuild and status != 2 else []) + changes, "cli")
    return status


def cmd_vectors(args: argparse.Namespace, settings: Settings) -> int:
    """Rewrite corpus/.vectors.sqlite, the shipped corpus's vectors a fresh data directory starts from."""
    from assistant.shipped_vectors import seed_path, write_seed

    written, computed = write_seed(settings)
    print(f"{seed_path(settings.corpus_dir)} : {written} vecteurs ({computed} calculés, les autres déjà présents).")
    return 0


def _read_new_password() -> str:
    """Typed twice, unseen, at a terminal; read from the first line of stdin otherwise (scripts, pipes)."""
    import getpass

    if sys.stdin is not None and sys.stdin.isatty():
        password = getpass.getpass("Mot de passe administrateur : ")
        if getpass.getpass("Confirmez le mot de passe : ") != password:
            raise AictError("Les deux saisies diffèrent ; rien n'a été produit.")
        return password
    return (sys.stdin.readline() if sys.stdin is not None else "").rstrip("\r\n")


def cmd_admin_hash(args: argparse.Namespace, settings: Settings) -> int:
    from assistant.admin import MIN_LENGTH, hash_password

    password = _read_new_password()
    if len(password) < MIN_LENGTH:
        raise AictError(f"Mot de passe trop court : {MIN_LENGTH} caractères au moins.")
    encoded = hash_password(password)
    print(encoded)
    print(f"Ajoutez à l'environnement du serveur : AICT_ADMIN_PASSWORD_HASH='{encoded}'", file=sys.stderr)
    return 0


def streamlit_command(settings: Settings, host: str, port: int) -> list[str]:
    """`streamlit run app.py` with Streamlit's own upload cap set from AICT_MAX_FILE_MB, so both limits agree."""
    import math

    return [sys.executable, "-m", "streamlit", "run", str(PROJECT_ROOT / "app.py"), "--server.address", host, "--server.port", str(port),
            "--server.headless", "true", "--browser.gatherUsageStats", "false",
            "--server.maxUploadSize", str(max(1, math.ceil(settings.max_file_mb)))]


def cmd_serve(args: argparse.Namespace, settings: Settings) -> int:
    """Run from the project folder, where Streamlit reads .streamlit/config.toml; the data and corpus
    folders are passed already resolved, so a relative AICT_DATA_DIR keeps its meaning."""
    command = streamlit_command(settings, args.host, args.port)
    env = {**os.environ, "AICT_DATA_DIR": str(settings.data_dir), "AICT_CORPUS_DIR": str(settings.corpus_dir)}
    os.chdir(PROJECT_ROOT)
    os.execve(command[0], command, env)
    return 0  # not reached: the server replaces this process


def build_parser() -> argparse.ArgumentParser:
    from assistant.pipeline import MODES

    parser = argparse.ArgumentParser(prog="python -m assistant", description="Assistant AICT (action internationale des collectivités territoriales)")
    sub = parser.add_subparsers(dest="command", required=True)

    ask = sub.add_parser("ask", help="poser une question")
    ask.add_argument("question")
    ask.add_argument("--mode", default="question", choices=list(MODES) + ["counter"])
    ask.add_argument("--audience", default="elu", choices=["elu", "public", "interne"])
    ask.add_argument("--json", action="store_true")
    ask.add_argument("--history", help="fichier JSON : les messages précédents [{role, content}, …], du plus ancien au plus récent")
    ask.set_defaults(func=cmd_ask)

    chat = sub.add_parser("chat", help="converser dans le terminal (/mode, /nouveau, /quitter)")
    chat.add_argument("--mode", default="question", choices=list(MODES))
    chat.add_argument("--audience", default="elu", choices=["elu", "public", "interne"])
    chat.set_defaults(func=cmd_chat)

    batch = sub.add_parser("batch", help="répondre à un fichier JSONL de questions")
    batch.add_argument("file", help="fichier JSONL, ou - pour l'entrée standard")
    batch.set_defaults(func=cmd_batch)

    stats = sub.add_parser("stats", help="documents et extraits indexés")
    stats.add_argument("--json", action="store_true")
    stats.set_defaults(func=cmd_stats)

    ev = sub.add_parser("eval", help="évaluer sur un jeu de questions JSONL")
    ev.add_argument("file", nargs="?", default=str(Path(__file__).resolve().parent.parent / "eval" / "dev.jsonl"))
    ev.add_argument("--mode", default=None, choices=list(MODES))
    ev.add_argument("--json", action="store_true")
    ev.add_argument("--min-recall5", type=float, default=0.0)
    ev.add_argument("--min-mrr", type=float, default=0.0)
    ev.add_argument("--min-facts", type=float, default=0.0)
    ev.add_argument("--min-abstention", type=float, default=0.0)
    ev.add_argument("--max-in-scope-abstentions", type=int, default=10**6)
    ev.add_argument("--max-false-abstention", type=float, default=1.0, help="part maximale de questions du corpus sans réponse")
    ev.add_argument("--min-gold-cited", type=float, default=0.0, help="part minimale de contre-arguments citant un passage de référence")
    ev.add_argument("--min-dialogues", type=float, default=0.0, help="part minimale de dialogues réussis")
    ev.add_argument("--split", default="all", choices=["all", "tune", "test"],
                    help="moitié du jeu sur laquelle s'appliquent les seuils (réglage ou test)")
    ev.set_defaults(func=cmd_eval)

    obj = sub.add_parser("objections", help="l'argumentaire : objections courantes et réponses préparées")
    obj.add_argument("--json", action="store_true")
    obj.set_defaults(func=cmd_objections)

    seance = sub.add_parser("seance", help="préparer une séance : note avec objections probables, réponses citées et coût")
    seance.add_argument("sujet", help="l'objet de la délibération, par exemple « subvention au comité de jumelage »")
    seance.add_argument("--montant", help="montant voté, en euros par an (« 18 000 »)")
    seance.add_argument("--habitants", help="population de la collectivité")
    seance.add_argument("--budget", help="budget total de la collectivité, en euros par an")
    seance.add_argument("--partenaire", help="la collectivité ou le pays partenaire")
    seance.add_argument("--json", action="store_true")
    seance.add_argument("--docx", metavar="FICHIER", help="enregistrer la note au format Word")
    seance.add_argument("--md", metavar="FICHIER", help="enregistrer la note au format Markdown")
    seance.set_defaults(func=cmd_seance)

    crit = sub.add_parser("critique", help="s'entraîner : évaluer une réponse à une objection")
    crit.add_argument("--objection", required=True)
    crit.add_argument("--reponse", required=True, help="votre réponse, telle que vous la diriez")
    crit.add_argument("--json", action="store_true")
    crit.set_defaults(func=cmd_critique)

    ing = sub.add_parser("ingest", help="indexer des fichiers ou dossiers (par défaut corpus/)")
    ing.add_argument("paths", nargs="*")
    ing.add_argument("--rebuild", action="store_true", help="reconstruire la base vectorielle depuis zéro")
    ing.add_argument("--json", action="store_true")
    ing.set_defaults(func=cmd_ingest)

    vec = sub.add_parser("vectors", help="réécrire corpus/.vectors.sqlite, les vecteurs livrés avec le corpus")
    vec.set_defaults(func=cmd_vectors)

    adm = sub.add_parser("admin-hash", help="produire AICT_ADMIN_PASSWORD_HASH (mot de passe lu au clavier ou sur l'entrée standard)")
    adm.set_defaults(func=cmd_admin_hash)

    serve = sub.add_parser("serve", help="lancer l'application (limite de téléversement réglée sur AICT_MAX_FILE_MB)")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8501)
    serve.set_defaults(func=cmd_serve)
    return parser


def main(argv: list[str] | None = None, settings: Settings | None = None) -> int:
    args = build_parser().parse_args(argv)
    settings = settings or Settings.from_env()
    try:
        return int(args.func(args, settings) or 0)
    except AictError as exc:
        print(f"Erreur : {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("Interrompu.", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # noqa: BLE001 - the last line of defence: a sentence, not a traceback
        print(f"Erreur inattendue ({type(exc).__name__}). Relancez avec AICT_DEBUG=1 pour le détail technique.", file=sys.stderr)
        if os.environ.get("AICT_DEBUG"):
            raise
        return 3
