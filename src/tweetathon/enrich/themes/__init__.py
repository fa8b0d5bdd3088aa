"""What was said: the purpose (inform, engage, appeal) and themes of posts, from shipped multilingual seed rules
(`catalog`, `rules`) and a TF-IDF + linear model (`model`) trained on the labelled set in `data/labelled.jsonl`
(`data/model.json.gz`, rebuilt by `scripts/build_themes_model.py`). `classify` combines them; `stored` keeps
the labels per post. Every label keeps why: the rule's keyword or the model's top terms."""
