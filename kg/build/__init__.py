"""The build: inputs -> documents -> per-document N-Quads cache -> a published build directory.

:mod:`~kg.build.run` is ``kg build`` (:func:`kg.build.run.build`); :mod:`~kg.build.sources`
reads the inputs, :mod:`~kg.build.worker` turns one document into N-Quads, run by
:mod:`~kg.build.executors` (or :mod:`~kg.build.distributed` on Dask);
:mod:`~kg.build.publish` makes the store and every output from the cache, with
:mod:`~kg.build.store_loader` and :mod:`~kg.build.external_sort`; :mod:`~kg.build.remove`
takes documents out of a build. Where each file of a build lives, and its manifest, is
:mod:`kg.builddir`'s.
"""
