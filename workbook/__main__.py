import sys

from workbook.commands import main

sys.exit(main())
