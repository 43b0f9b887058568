-- 审管办的管理记录（专项清理、整改台账、司法建议、涉诉信访）只存于事件日志：按法院读取时只走这一部分索引，
-- 不读遍案件与事件。
CREATE INDEX log_management ON log (court, seq) WHERE kind = 'management';
