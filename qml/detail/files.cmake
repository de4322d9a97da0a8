# qml/detail: the container detail page (live charts, limit sliders, logs, inspect, isolation).
# SeriesFeeder hands each chart series its whole window in one QXYSeries::replace().
target_sources(isolde_qml PRIVATE detail/SeriesFeeder.h detail/SeriesFeeder.cpp)
target_include_directories(isolde_qml PRIVATE "${CMAKE_CURRENT_SOURCE_DIR}/detail")
target_link_libraries(isolde_qml PRIVATE Qt6::Charts)
qt_target_qml_sources(isolde_qml QML_FILES
    detail/DetailPage.qml
    detail/MonitorView.qml
    detail/MetricChart.qml
    detail/LogsView.qml
    detail/InspectView.qml
)
