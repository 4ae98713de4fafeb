from fastapi import APIRouter

router = APIRouter()
service = None  # the domain's service instance (used by expand)
