-- A deleted promotion takes its delivery reports with it (V6 kept them: an
-- unpublished promotion with delivered days can be deleted, and its reports
-- stayed behind as orphans no admin could see or remove). A report that races
-- a delete now fails the foreign key and is answered 404, like a report for a
-- promotion that never existed.
delete from delivery_report report
 where not exists (select 1 from promotion where promotion.id = report.promotion_id);

alter table delivery_report
    add constraint delivery_report_promotion_fk
        foreign key (promotion_id) references promotion (id) on delete cascade;
