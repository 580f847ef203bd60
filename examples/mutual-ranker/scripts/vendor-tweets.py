# Vendor the three tweet collections into data/, trimmed to the columns the app reads (run by hand from the repo,
# with ../shared/data/tweets next to it; the app never reads ../shared at run time). "NA" reply targets become empty.
#   python3 examples/mutual-ranker/scripts/vendor-tweets.py
import csv, os

here = os.path.dirname(os.path.abspath(__file__))
repo = os.path.normpath(os.path.join(here, "..", "..", ".."))
shared = os.path.normpath(os.path.join(repo, "..", "shared", "data", "tweets"))
out = os.path.join(here, "..", "data")

def trim(source, target, columns, rename):
    with open(source, encoding="utf-8", errors="replace", newline="") as f:
        rows = list(csv.DictReader(f))
    with open(os.path.join(out, target), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow([rename.get(c, c) for c in columns])
        for r in rows:
            # Carriage returns become newlines: csv quotes a field with a newline, but not one with a bare CR.
            w.writerow(["" if r[c] == "NA" else r[c].replace("\r\n", "\n").replace("\r", "\n") for c in columns])
    print(target, len(rows), "rows")

# The GOP set as the project already vendored it (re-encoded from Mac Roman to UTF-8): data/tweets/.
trim(os.path.join(repo, "data", "tweets", "gop-debate-2015.csv"), "gop-debate-2015.csv",
     ["name", "text", "tweet_created", "subject_matter"], {})
trim(os.path.join(shared, "nicar19.csv"), "nicar19.csv",
     ["user_screen_name", "tweet_text", "in_reply_to_screen_name", "tweet_utc_date"], {})
trim(os.path.join(shared, "demonetization-2016.csv"), "demonetization-2016.csv",
     ["screenName", "text", "replyToSN", "created"], {})
