// What people say to their commune police, as the demo's register shows it: realistic Vietnamese opinions by
// kind and topic, and the answers units give. {thon} and {xa} are filled per item.
import type { FeedbackKind } from '../db/schema.ts';

export interface SampleOpinion {
  kind: FeedbackKind;
  topic: string;
  text: string;
  answer?: string;
}

export const OPINIONS: readonly SampleOpinion[] = [
  { kind: 'request', topic: 'security', text: 'Đề nghị Công an xã tăng cường tuần tra ban đêm ở {thon}, gần đây có nhiều vụ mất trộm gà, vịt và xe đạp.', answer: 'Công an xã đã bố trí tổ tuần tra ban đêm tại {thon} từ 22 giờ đến 2 giờ sáng, phối hợp lực lượng bảo vệ dân phố; trong tháng không còn xảy ra mất trộm.' },
  { kind: 'report', topic: 'security', text: 'Phản ánh: tối nào cũng có nhóm thanh niên tụ tập uống rượu, nẹt pô ở khu nhà văn hóa {thon}, gây mất trật tự đến khuya.', answer: 'Công an xã đã kiểm tra, lập biên bản nhắc nhở 6 thanh niên và làm việc với gia đình; duy trì tuần tra khu nhà văn hóa vào buổi tối.' },
  { kind: 'request', topic: 'traffic', text: 'Đề nghị lắp biển báo giảm tốc độ và gờ giảm tốc trước cổng trường tiểu học {xa}, xe tải chạy rất nhanh giờ tan học.', answer: 'Đơn vị đã kiến nghị UBND xã lắp biển báo và gờ giảm tốc; trong thời gian chờ thi công, Công an xã bố trí cán bộ điều tiết giao thông giờ tan học.' },
  { kind: 'report', topic: 'traffic', text: 'Xe chở cát, đất không che bạt chạy qua {thon} làm rơi vãi, bụi bẩn và trơn trượt, đã có người ngã xe.', answer: 'Công an xã đã phối hợp kiểm tra, xử phạt 3 trường hợp xe không che chắn và yêu cầu chủ bãi cát cam kết thực hiện đúng quy định.' },
  { kind: 'suggestion', topic: 'traffic', text: 'Góp ý: nên tổ chức tuyên truyền luật giao thông cho học sinh THCS vì nhiều em đi xe máy điện không đội mũ bảo hiểm.', answer: 'Cảm ơn ý kiến. Công an xã đã phối hợp nhà trường tổ chức buổi tuyên truyền an toàn giao thông cho học sinh THCS.' },
  { kind: 'report', topic: 'drugs', text: 'Nghi có người lạ thuê trọ ở {thon} thường xuyên có nhiều người ra vào lúc đêm khuya, nghi sử dụng ma túy.', answer: 'Công an xã đã xác minh, phối hợp lực lượng chức năng kiểm tra hành chính khu trọ; kết quả được xử lý theo quy định, thông tin người báo được giữ bí mật.' },
  { kind: 'request', topic: 'drugs', text: 'Mong Công an xã tuyên truyền về tác hại của ma túy và thuốc lá điện tử cho thanh thiếu niên trong thôn.', answer: 'Công an xã đã tổ chức 2 buổi tuyên truyền tại nhà văn hóa {thon} và trường THCS về phòng chống ma túy, thuốc lá điện tử.' },
  { kind: 'suggestion', topic: 'crime', text: 'Dạo này nhiều người già bị gọi điện giả danh công an, tòa án để lừa chuyển tiền. Đề nghị thông báo trên loa truyền thanh của xã.', answer: 'Công an xã đã phát thông báo cảnh báo lừa đảo trên loa truyền thanh 3 lần mỗi tuần và hướng dẫn người dân báo tin khi nhận cuộc gọi đáng ngờ.' },
  { kind: 'report', topic: 'crime', text: 'Phản ánh tình trạng cho vay nặng lãi, dán quảng cáo "cho vay tiền nhanh" khắp các cột điện ở {thon}.', answer: 'Công an xã đã bóc xóa quảng cáo, xác minh các số điện thoại và chuyển thông tin cho Công an tỉnh để điều tra theo thẩm quyền.' },
  { kind: 'request', topic: 'fire', text: 'Đề nghị kiểm tra phòng cháy chữa cháy ở các nhà vừa ở vừa kinh doanh dọc trục đường chính của {xa}, nhiều nhà không có bình chữa cháy.', answer: 'Công an xã đã kiểm tra 27 hộ kinh doanh, hướng dẫn trang bị bình chữa cháy và lối thoát nạn thứ hai; 19 hộ đã khắc phục.' },
  { kind: 'suggestion', topic: 'fire', text: 'Nên tổ chức diễn tập chữa cháy cho các hộ gia đình trong {thon} vì nhà cửa san sát, đường nhỏ xe cứu hỏa khó vào.', answer: 'Cảm ơn góp ý. Công an xã sẽ tổ chức diễn tập phương án chữa cháy và cứu nạn tại {thon} trong quý tới.' },
  { kind: 'request', topic: 'admin_residence', text: 'Tôi đăng ký thường trú cho con mới sinh qua Cổng dịch vụ công đã 10 ngày chưa thấy kết quả, đề nghị Công an xã kiểm tra giúp.', answer: 'Hồ sơ bị thiếu bản sao giấy khai sinh; cán bộ đã liên hệ hướng dẫn bổ sung và hồ sơ được giải quyết xong sau 1 ngày.' },
  { kind: 'suggestion', topic: 'admin_residence', text: 'Góp ý: thủ tục khai báo tạm trú cho người thuê trọ còn phức tạp, chủ nhà trọ lớn tuổi không biết dùng ứng dụng.', answer: 'Công an xã đã bố trí cán bộ hỗ trợ khai báo tạm trú tại trụ sở vào sáng thứ Bảy và hướng dẫn các chủ nhà trọ sử dụng ứng dụng VNeID.' },
  { kind: 'request', topic: 'admin_id', text: 'Đề nghị Công an xã tổ chức làm căn cước lưu động cho người già, người ốm ở {thon} không đi lại được.', answer: 'Công an xã đã tổ chức 2 đợt làm căn cước lưu động tại {thon}, thu nhận hồ sơ cho 34 người cao tuổi.' },
  { kind: 'report', topic: 'admin_id', text: 'Tôi làm căn cước từ 3 tháng trước mà chưa nhận được thẻ, lên hỏi thì cán bộ bảo chờ thêm.', answer: 'Đơn vị đã tra cứu: thẻ bị lỗi in và được in lại; thẻ đã về và được trả tận nhà cho Ông/Bà.' },
  { kind: 'report', topic: 'conduct_etiquette', text: 'Cán bộ trực ban hôm đó có thái độ thiếu nhiệt tình, nói chuyện điện thoại riêng khi người dân đang trình bày.', answer: 'Đơn vị đã kiểm điểm cán bộ trực ban, nhắc nhở toàn đơn vị về lễ tiết, tác phong khi tiếp dân; xin cảm ơn Ông/Bà đã phản ánh.' },
  { kind: 'report', topic: 'conduct_communication', text: 'Khi đến làm thủ tục, cán bộ nói năng cộc lốc, không hướng dẫn rõ giấy tờ cần chuẩn bị nên tôi phải đi lại nhiều lần.', answer: 'Đơn vị đã làm rõ và nhắc nhở cán bộ; đồng thời niêm yết danh mục giấy tờ của từng thủ tục tại bộ phận một cửa.' },
  { kind: 'suggestion', topic: 'conduct_responsibility', text: 'Đề nghị công khai số điện thoại đường dây nóng của Công an xã và cán bộ phụ trách từng thôn để người dân liên hệ khi cần.', answer: 'Công an xã đã niêm yết số đường dây nóng và số điện thoại cán bộ phụ trách địa bàn tại nhà văn hóa các thôn.' },
  { kind: 'praise', topic: 'service', text: 'Cảm ơn các đồng chí Công an xã đã giúp gia đình tôi tìm lại chiếc xe máy bị mất chỉ sau 2 ngày.' },
  { kind: 'praise', topic: 'admin_id', text: 'Cán bộ làm căn cước rất nhiệt tình, làm cả buổi tối để kịp cho học sinh đi thi. Xin cảm ơn.' },
  { kind: 'praise', topic: 'conduct_communication', text: 'Khen ngợi đồng chí cảnh sát khu vực {thon} nhiệt tình, gần dân, hòa giải tốt mâu thuẫn giữa các hộ.' },
  { kind: 'request', topic: 'security', text: 'Kiến nghị lắp camera an ninh ở ngã ba chợ {xa} vì khu vực này hay xảy ra va chạm và trộm cắp vặt.', answer: 'Công an xã đã vận động mô hình "Camera an ninh" và được các hộ kinh doanh đóng góp lắp 4 camera tại ngã ba chợ, kết nối về trụ sở.' },
  { kind: 'report', topic: 'security', text: 'Phản ánh có đối tượng lạ đi xe không biển số thường xuyên dò hỏi nhà nào vắng người ở {thon}.', answer: 'Công an xã đã xác minh, tăng cường tuần tra và thông báo cho các hộ dân cảnh giác; chưa phát hiện vụ việc.' },
  { kind: 'request', topic: 'other', text: 'Đề nghị xã sửa lại đèn chiếu sáng đường liên thôn từ {thon} ra quốc lộ, đường tối nên rất dễ xảy ra tai nạn và trộm cắp.', answer: 'Nội dung thuộc thẩm quyền UBND xã; Công an xã đã chuyển kiến nghị và UBND xã đã thay 12 bóng đèn hỏng.' },
  { kind: 'suggestion', topic: 'service', text: 'Nên có lịch tiếp dân vào ngày thứ Bảy cho người đi làm công ty không xin nghỉ được.', answer: 'Công an xã tiếp nhận và giải quyết thủ tục hành chính vào sáng thứ Bảy hằng tuần từ tháng này.' },
  { kind: 'report', topic: 'traffic', text: 'Đoạn đường qua {thon} có nhiều quán bán hàng lấn chiếm vỉa hè, ô tô đỗ dưới lòng đường gây ùn tắc giờ cao điểm.', answer: 'Công an xã đã phối hợp UBND xã ra quân lập lại trật tự lòng đường, vỉa hè và nhắc nhở 15 hộ kinh doanh.' },
  { kind: 'complaint', topic: 'traffic', text: 'Tôi khiếu nại quyết định xử phạt vi phạm hành chính về giao thông của tôi vì tôi không vi phạm như biên bản ghi.' },
  { kind: 'denunciation', topic: 'conduct_responsibility', text: 'Tôi tố cáo một người tự xưng quen biết cán bộ, nhận tiền để "chạy" thủ tục đăng ký xe cho người dân.' },
  { kind: 'crime_report', topic: 'crime', text: 'Tố giác: nhà tôi bị kẻ gian cạy cửa lấy trộm tiền và vàng khi cả nhà đi vắng đêm qua.' },
];

export const VILLAGES = ['thôn 1', 'thôn 2', 'thôn 3', 'thôn Đông', 'thôn Tây', 'thôn Trung', 'thôn Bắc', 'xóm Chợ', 'thôn Yên Lộ', 'thôn Phú Điền'];

export const PEOPLE = [
  'Nguyễn Văn Hùng', 'Lê Thị Mai', 'Trần Văn Bình', 'Phạm Thị Thu', 'Hoàng Văn Nam', 'Đỗ Thị Hằng', 'Vũ Văn Long', 'Bùi Thị Lan',
  'Ngô Văn Tuấn', 'Đặng Thị Hoa', 'Lê Văn Sơn', 'Trịnh Thị Yến', 'Mai Văn Đức', 'Lê Đình Khải', 'Nguyễn Thị Nga', 'Phạm Văn Thắng',
];

export const CONFERENCE_ROLES = [
  { role: 'Trưởng thôn', organisation: 'Ban công tác Mặt trận thôn' },
  { role: 'Chi hội trưởng', organisation: 'Hội Cựu chiến binh xã' },
  { role: 'Chủ tịch', organisation: 'Hội Phụ nữ xã' },
  { role: 'Bí thư', organisation: 'Đoàn Thanh niên xã' },
  { role: 'Người dân', organisation: null },
  { role: 'Hiệu trưởng', organisation: 'Trường THCS' },
];
