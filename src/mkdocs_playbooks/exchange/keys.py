"""The front matter keys export and import read and write, named in one place."""

CONTENT_ID = "content-id"
SOURCE_COMMIT = "source-git-commit"
SOURCE_WORDCOUNT = "source-wordcount"
WORKFLOW_TYPE = "workflow-type"
HT_DEGREE = "ht-degree"
