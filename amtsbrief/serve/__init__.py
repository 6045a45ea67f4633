"""``amtsbrief serve``: the parser and the store over HTTP, and a web page to look at both.

:mod:`.app` builds the FastAPI app, :mod:`.work` is what its process pool runs (parse, draw a page),
:mod:`.research` computes the figures of the research views; the page itself is ``static/``, plain
HTML and JavaScript with nothing fetched from elsewhere. FastAPI and uvicorn come with the ``serve``
extra: ``pip install 'amtsbrief[serve]'``.
"""
