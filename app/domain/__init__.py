"""The domain layer: catalog models, loading, intake scoring and plans. No Qt here."""
