from .address import Address as Address
from .address import parse_address as parse_address
from .resolve import resolve_start as resolve_start
from .search import Suggestion as Suggestion
from .search import nearest_street as nearest_street
from .search import suggest as suggest
from .store import get_street_index as get_street_index
from .streets import StreetIndex as StreetIndex
