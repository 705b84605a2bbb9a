"""DualGoal — mục tiêu kép: chống dịch và phát triển kinh tế - xã hội."""

__version__ = "0.1.0"
